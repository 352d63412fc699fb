// Bad input for the article readers (binary, empty, not UTF-8, too large)
// and a 50 MB article in each format, read and written back in a child
// process whose peak memory is measured with getrusage.
#include <gtest/gtest.h>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "lovcen/article.h"
#include "lovcen/formats/article_reader.h"
#include "test_paths.h"

namespace lovcen::formats {
namespace {

std::string WriteTemp(const std::string& dir, const std::string& name, const std::string& bytes) {
  const std::string path = dir + "/" + name;
  std::ofstream out(path, std::ios::binary);
  out << bytes;
  return path;
}

TEST(ArticleInputTest, BinaryFileIsRefusedWithTheOffsetOfTheFirstNul) {
  const std::string dir = testing::TempDir("article-binary");
  std::string bytes = "\x89PNG\r\n\x1a\n";
  bytes += std::string("\0\0\0\rIHDR", 8);
  for (const char* name : {"image.txt", "image.md", "image.html", "image.bin"}) {
    Result<Article> a = ReadArticle(WriteTemp(dir, name, bytes));
    ASSERT_FALSE(a.ok()) << name;
    EXPECT_EQ(a.error().kind, Error::Kind::kBadInput);
    EXPECT_NE(a.error().message.find("binary"), std::string::npos) << a.error().message;
    EXPECT_EQ(a.error().offset, 8);
    EXPECT_NE(a.error().ToString().find(name), std::string::npos);
  }
  // Control characters other than tab, line feed, carriage return and form
  // feed do not occur in text either.
  Result<Article> ctl = ParseArticle("Title\n\nText with a \x01 bell.\n", "ctl.txt");
  ASSERT_FALSE(ctl.ok());
  EXPECT_EQ(ctl.error().offset, 19);
}

TEST(ArticleInputTest, EmptyArticlesAreRefused) {
  for (const char* name : {"e.txt", "e.md", "e.html"}) {
    for (const std::string& bytes : {std::string(), std::string("  \n\r\n\t \n"), std::string("\xEF\xBB\xBF\n")}) {
      Result<Article> a = ParseArticle(bytes, name);
      ASSERT_FALSE(a.ok()) << name;
      EXPECT_EQ(a.error().kind, Error::Kind::kBadInput);
      EXPECT_NE(a.error().message.find("empty article"), std::string::npos) << a.error().message;
    }
  }
  // Markup without any text is as empty.
  Result<Article> md = ParseArticle("```\ncode only\n```\n\n---\n", "code.md");
  ASSERT_FALSE(md.ok());
  EXPECT_NE(md.error().message.find("empty article"), std::string::npos);
  EXPECT_FALSE(ParseArticle("<p>&nbsp;</p><p> </p>", "blank.html").ok());

  const std::string dir = testing::TempDir("article-empty");
  Result<Article> file = ReadArticle(WriteTemp(dir, "zero.txt", ""));
  ASSERT_FALSE(file.ok());
  EXPECT_NE(file.error().ToString().find("zero.txt"), std::string::npos);
  Result<Article> missing = ReadArticle(dir + "/missing.txt");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().kind, Error::Kind::kIo);
}

TEST(ArticleInputTest, InvalidUtf8NamesTheByteOffset) {
  // "Naslov\n\nTekst " then a Latin-1 "è" (0xE8) where UTF-8 was expected.
  const std::string bytes = "Naslov\n\nTekst \xE8 dalje.\n";
  Result<Article> a = ParseArticle(bytes, "latin1.cnr-Latn.txt");
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.error().kind, Error::Kind::kBadInput);
  EXPECT_EQ(a.error().offset, 14);
  EXPECT_EQ(a.error().ToString().rfind("latin1.cnr-Latn.txt: byte 14: invalid UTF-8", 0), 0u)
      << a.error().ToString();
  // After a byte order mark the offset still counts from the file's start.
  Result<Article> bom = ParseArticle("\xEF\xBB\xBF<p>x \xC3</p>", "bom.html");
  ASSERT_FALSE(bom.ok());
  EXPECT_EQ(bom.error().offset, 8);
}

TEST(ArticleInputTest, SizeLimitIsCheckedBeforeReading) {
  const std::string dir = testing::TempDir("article-limit");
  const std::string path = WriteTemp(dir, "big.txt", std::string(4096, 'x'));
  ArticleReadOptions options;
  options.max_bytes = 1000;
  Result<Article> a = ReadArticle(path, options);
  ASSERT_FALSE(a.ok());
  EXPECT_NE(a.error().message.find("over the limit of 1000 bytes"), std::string::npos);
  EXPECT_FALSE(ParseArticle(std::string(4096, 'x'), "big.txt", options).ok());
}

TEST(ArticleInputTest, DeepNestingIsBounded) {
  // 20,000 nested <div>s (gumbo would take minutes, a recursive walk would
  // overflow the stack): refused where the nesting passes the limit.
  std::string html = "<p>Intro text.</p>";
  for (int i = 0; i < 20000; ++i) html += "<div>";
  html += "deep";
  Result<Article> a = ParseArticle(html, "deep.html");
  ASSERT_FALSE(a.ok());
  EXPECT_NE(a.error().message.find("nested deeper than 512"), std::string::npos);
  EXPECT_EQ(a.error().offset, static_cast<std::int64_t>(std::string("<p>Intro text.</p>").size() + 512 * 5));
  // Stray end tags do not hide depth; end tags the parser implies do not add any.
  std::string stray;
  for (int i = 0; i < 2000; ++i) stray += "<div></span>";
  EXPECT_FALSE(ParseArticle(stray, "stray.html").ok());
  std::string flat = "<ul>";
  for (int i = 0; i < 5000; ++i) flat += "<li><p>item <b>" + std::to_string(i) + "</b>";
  Result<Article> ok = ParseArticle(flat + "</ul>", "flat.html");
  ASSERT_TRUE(ok.ok()) << ok.error().ToString();
  EXPECT_EQ(ok->blocks.size(), 5000u);

  // Markdown: emphasis nested 3,000 deep leaves that block untranslated.
  std::string md = "# Title\n\nFine paragraph.\n\n";
  for (int i = 0; i < 3000; ++i) md += "*x ";
  md += "y";
  for (int i = 0; i < 3000; ++i) md += " z*";
  md += "\n";
  Result<Article> m = ParseArticle(md, "deep.md");
  ASSERT_TRUE(m.ok()) << m.error().ToString();
  EXPECT_EQ(m->blocks.size(), 2u);
  ASSERT_EQ(m->warnings.size(), 1u);
  EXPECT_NE(m->warnings[0].find("line 5: inline markup nested deeper than 512"), std::string::npos);
  std::vector<Segment> contents = {m->blocks[0].content, m->blocks[1].content};
  Result<std::string> back = WriteArticle(*m, contents);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, md);
}

TEST(ArticleInputTest, LanguageAndFormatCanBeGiven) {
  ArticleReadOptions options;
  options.language = LanguageTag(Language::kGerman);
  options.format = ArticleFormat::kMarkdown;
  Result<Article> a = ParseArticle("# Titel\n\nText.\n", "story.en.txt", options);
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->format, ArticleFormat::kMarkdown);
  EXPECT_EQ(a->language->str(), "de");
  EXPECT_EQ(a->blocks[0].type, BlockType::kTitle);
}

// --- 50 MB -----------------------------------------------------------------

constexpr std::size_t kBigBytes = std::size_t{50} << 20;

// A long article in `format`: realistic paragraphs (with some Montenegrin
// letters, so the NFC path runs) until it holds kBigBytes.
std::string BigArticle(ArticleFormat format) {
  static const char* kSentences[] = {
      "The government said on Friday that inflation in Montenegro slowed to 3.2 percent in March.",
      "Vlada je u petak saopštila da je inflacija u Crnoj Gori u martu usporila na 3,2 odsto.",
      "Food prices rose by 4.1 percent year on year, while transport costs fell by 1.3 percent.",
      "Đurđevdan, Šćepan i Žabljak: čitava śednica je trajala do ponoći.",
      "The central bank expects inflation to ease further in the second half of the year."};
  std::string out;
  out.reserve(kBigBytes + 4096);
  switch (format) {
    case ArticleFormat::kPlainText:
      out += "WORLD NEWS FOR MONTENEGRO DIASPORA\nChoose language:\n05-Apr-2025\nHome Economy\n\n"
             "Inflation slows\n\nAUTHOR:M.J. GDNUS\n\n";
      break;
    case ArticleFormat::kMarkdown: out += "# Inflation slows\n\nAUTHOR: M.J. GDNUS\n\n"; break;
    case ArticleFormat::kHtml:
      out += "<!DOCTYPE html><html lang=\"en\"><body><article><h1>Inflation slows</h1>\n";
      break;
  }
  std::size_t n = 0;
  while (out.size() < kBigBytes) {
    std::string para;
    for (int k = 0; k < 4; ++k) {
      if (k > 0) para += ' ';
      para += kSentences[(n + static_cast<std::size_t>(k)) % 5];
    }
    ++n;
    switch (format) {
      case ArticleFormat::kPlainText: out += para + "\n\n"; break;
      case ArticleFormat::kMarkdown: out += "Prices **rose** again. " + para + "\n\n"; break;
      case ArticleFormat::kHtml: out += "<p>Prices <b>rose</b> again. " + para + "</p>\n"; break;
    }
  }
  switch (format) {
    case ArticleFormat::kPlainText: out += "German Daily News - All Rights Reserved \xC2\xA9"; break;
    case ArticleFormat::kMarkdown: out += "German Daily News - All Rights Reserved \xC2\xA9\n"; break;
    case ArticleFormat::kHtml: out += "<footer>German Daily News - All Rights Reserved</footer></article></body></html>\n"; break;
  }
  return out;
}

struct Measure {
  double seconds = 0;
  long read_delta_kb = 0;  // peak after reading
  long peak_delta_kb = 0;  // peak after writing back too
  long blocks = 0;
  int identical = 0;
};

long PeakKb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

// Reads `path` and writes it back unchanged in a child process, so that
// the peak resident memory is this work's alone.
Measure ReadAndWriteInChild(const std::string& path) {
  int fds[2];
  EXPECT_EQ(pipe(fds), 0);
  const pid_t pid = fork();
  if (pid == 0) {
    close(fds[0]);
    Measure m;
    const long base = PeakKb();
    const auto start = std::chrono::steady_clock::now();
    Result<Article> a = ReadArticle(path);
    m.read_delta_kb = PeakKb() - base;
    if (a.ok()) {
      std::vector<Segment> contents;
      contents.reserve(a->blocks.size());
      for (Block& b : a->blocks) contents.push_back(b.content);
      Result<std::string> out = WriteArticle(*a, contents);
      m.identical = out.ok() && *out == a->source;
      m.blocks = static_cast<long>(a->blocks.size());
    }
    m.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    m.peak_delta_kb = PeakKb() - base;
    const ssize_t written = write(fds[1], &m, sizeof m);
    _exit(written == static_cast<ssize_t>(sizeof m) ? 0 : 1);
  }
  close(fds[1]);
  Measure m;
  const ssize_t got = read(fds[0], &m, sizeof m);
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  EXPECT_EQ(got, static_cast<ssize_t>(sizeof m));
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  return m;
}

class ArticleBigTest : public ::testing::TestWithParam<ArticleFormat> {};

TEST_P(ArticleBigTest, FiftyMegabytesInBoundedMemory) {
  const ArticleFormat format = GetParam();
  const std::string dir = testing::TempDir(std::string("article-big-") + std::string(ArticleFormatName(format)));
  const char* ext = format == ArticleFormat::kPlainText ? "txt" : format == ArticleFormat::kMarkdown ? "md" : "html";
  std::string path;
  std::size_t size = 0;
  {
    const std::string bytes = BigArticle(format);
    size = bytes.size();
    path = WriteTemp(dir, std::string("big.") + ext, bytes);
  }
  const Measure m = ReadAndWriteInChild(path);
  std::remove(path.c_str());
  const double mb = static_cast<double>(size) / (1 << 20);
  const double read_ratio = static_cast<double>(m.read_delta_kb) * 1024.0 / static_cast<double>(size);
  const double ratio = static_cast<double>(m.peak_delta_kb) * 1024.0 / static_cast<double>(size);
  std::printf("[ 50 MB    ] %s: %.1f MB, %ld blocks, read + write back %.2f s, peak memory: read +%.0f MB "
              "(%.1fx the file), with write-back +%.0f MB (%.1fx)\n",
              ext, mb, m.blocks, m.seconds, m.read_delta_kb / 1024.0, read_ratio, m.peak_delta_kb / 1024.0, ratio);
  EXPECT_TRUE(m.identical);
  EXPECT_GT(m.blocks, 100000);
  // Reading holds the file's bytes and the blocks (text about as large
  // again, plus codes): about 2x for plain text; cmark's and gumbo's parse
  // trees add about 4x more while they live. Writing back adds the output
  // and, here, the caller's copy of every block's content.
  EXPECT_LT(read_ratio, format == ArticleFormat::kPlainText ? 3.0 : 8.0);
  EXPECT_LT(ratio, format == ArticleFormat::kPlainText ? 5.0 : 9.0);
}

INSTANTIATE_TEST_SUITE_P(Formats, ArticleBigTest,
                         ::testing::Values(ArticleFormat::kPlainText, ArticleFormat::kMarkdown, ArticleFormat::kHtml),
                         [](const ::testing::TestParamInfo<ArticleFormat>& info) {
                           return std::string(info.param == ArticleFormat::kPlainText  ? "PlainText"
                                              : info.param == ArticleFormat::kMarkdown ? "Markdown"
                                                                                       : "Html");
                         });

}  // namespace
}  // namespace lovcen::formats
