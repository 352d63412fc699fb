// Internal: a bounded hand-over of batches from one producing thread (an
// importer's reader) to one consuming thread (the one writing to the store).
// At most `capacity` batches wait, so memory stays at a few batches whatever
// the size of the file.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>

#include "lovcen/status.h"

namespace lovcen::formats {

template <typename Batch>
class HandOver {
 public:
  explicit HandOver(std::size_t capacity = 4) : capacity_(capacity) {}

  // Producer: false when the consumer gave up (stop producing).
  bool Push(Batch batch) {
    std::unique_lock lock(mutex_);
    not_full_.wait(lock, [&] { return batches_.size() < capacity_ || cancelled_; });
    if (cancelled_) return false;
    batches_.push_back(std::move(batch));
    not_empty_.notify_one();
    return true;
  }
  // Producer: no more batches. After a failure the queued ones are dropped,
  // since the import will not be committed anyway.
  void Close(Status status) {
    std::lock_guard lock(mutex_);
    closed_ = true;
    status_ = std::move(status);
    if (!status_.ok()) batches_.clear();
    not_empty_.notify_one();
  }
  // Consumer: nullopt once the producer closed and everything was taken.
  std::optional<Batch> Pop() {
    std::unique_lock lock(mutex_);
    not_empty_.wait(lock, [&] { return !batches_.empty() || closed_; });
    if (batches_.empty()) return std::nullopt;
    Batch batch = std::move(batches_.front());
    batches_.pop_front();
    not_full_.notify_one();
    return batch;
  }
  // Consumer: stop the producer.
  void Cancel() {
    std::lock_guard lock(mutex_);
    cancelled_ = true;
    not_full_.notify_one();
  }
  // The producer's final status (valid after Pop() returned nullopt).
  Status status() {
    std::lock_guard lock(mutex_);
    return status_;
  }

 private:
  const std::size_t capacity_;
  std::mutex mutex_;
  std::condition_variable not_full_, not_empty_;
  std::deque<Batch> batches_;
  bool closed_ = false;
  bool cancelled_ = false;
  Status status_;
};

}  // namespace lovcen::formats
