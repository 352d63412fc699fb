#include "store_access.h"

namespace lovcen::cli {

Result<std::unique_ptr<TmStore>> OpenStore(const CliState& state, bool create) {
  StoreOptions options;
  options.create_if_missing = create;
  return OpenSqliteStore(state.DbPath(), options);
}

}  // namespace lovcen::cli
