// Micro-benchmarks of the inner loops of indexing and search.
//
// Text: a few UN General Debate speeches from the shared corpus
// ($COMMUNIQUE_SHARED_CORPUS, else ../shared/corpus beside the checkout)
// when present, else the shipped corpus/sample/. The passage-scoring and
// query-parsing benchmarks run over a small index built from that text at
// start-up, in a temporary directory removed at exit.

#include <benchmark/benchmark.h>
#include <unistd.h>
#include <xapian.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "communique/analyzer.h"
#include "communique/gazetteer.h"
#include "communique/indexer.h"
#include "analysis/minhash.h"
#include "index/document_builder.h"
#include "query/passage_ranker.h"
#include "query/query_parser.h"

namespace {

namespace fs = std::filesystem;
using namespace communique;

constexpr std::size_t kSpeeches = 200;

std::string read_all(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

fs::path shared_corpus() {
  const char* env = std::getenv("COMMUNIQUE_SHARED_CORPUS");
  fs::path p =
      env && *env ? fs::path(env) : fs::path(COMMUNIQUE_SOURCE_DIR) / ".." / "shared" / "corpus";
  std::error_code ec;
  return fs::is_directory(p / "ungdc" / "TXT", ec) ? p : fs::path();
}

// The benchmark's statements: real speeches when the corpus is there.
const std::vector<Statement>& statements() {
  static const std::vector<Statement> all = [] {
    std::vector<Statement> out;
    fs::path corpus = shared_corpus();
    if (!corpus.empty()) {
      std::vector<fs::path> files;
      for (const auto& e : fs::recursive_directory_iterator(corpus / "ungdc" / "TXT")) {
        if (e.is_regular_file() && e.path().extension() == ".txt") files.push_back(e.path());
      }
      std::sort(files.begin(), files.end());
      // Every n-th file, so that the sample spans the sessions (1946-2024).
      std::size_t step = std::max<std::size_t>(files.size() / kSpeeches, 1);
      for (std::size_t i = 0; i < files.size() && out.size() < kSpeeches; i += step) {
        Statement s;
        s.id = files[i].stem().string();
        s.body = read_all(files[i]);
        s.language = "en";
        s.country = s.id.substr(0, s.id.find('_'));
        out.push_back(std::move(s));
      }
      std::cerr << "micro: " << out.size() << " speeches from " << corpus.string() << "\n";
    } else {
      std::ifstream in(fs::path(COMMUNIQUE_SOURCE_DIR) / "corpus" / "sample" / "statements.jsonl");
      std::string line;
      while (std::getline(in, line)) {
        if (line.empty()) continue;
        auto j = nlohmann::json::parse(line);
        Statement s;
        s.id = j.at("id").get<std::string>();
        s.body = j.at("body").get<std::string>();
        s.language = j.value("language", "en");
        out.push_back(std::move(s));
      }
      std::cerr << "micro: no shared corpus; " << out.size() << " statements of corpus/sample\n";
    }
    return out;
  }();
  return all;
}

// A small index over statements(), built once.
class SmallIndex {
 public:
  static SmallIndex& get() {
    static SmallIndex index;
    return index;
  }
  ~SmallIndex() {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  const Xapian::Database& db() const { return db_; }

 private:
  SmallIndex() {
    dir_ = fs::temp_directory_path() / ("communique-micro-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    IndexOptions options;
    options.rebuild = true;
    Indexer indexer(dir_.string(), options);
    for (const auto& s : statements()) indexer.add(s);
    indexer.finish();
    db_ = Xapian::Database(dir_.string());
  }
  fs::path dir_;
  Xapian::Database db_;
};

const std::vector<std::string> kQueries = {
    "nuclear disarmament",
    "\"security council\" reform",
    "climate change small island states",
    "sanctions OR embargo -iran",
    "country:IND non-aligned movement",
    "decolonization self-determination date:1960..1975",
    "peaceful coexistence neighbours",
    "apartheid south africa",
};

// The analyzer over the statements' bodies: ICU segmentation and folding,
// and with `stem` the Snowball stem of every token too.
void analyze(benchmark::State& state, bool stem) {
  Analyzer analyzer;
  std::vector<Token> tokens;
  std::size_t words = 0, bytes = 0;
  for (auto _ : state) {
    for (const auto& s : statements()) {
      tokens.clear();
      analyzer.tokenize(s.body, tokens);
      if (stem) {
        for (const auto& t : tokens) benchmark::DoNotOptimize(analyzer.stem(t.text, s.language));
      }
      words += tokens.size();
      bytes += s.body.size();
    }
    benchmark::DoNotOptimize(tokens.data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(words));  // items = tokens
  state.SetBytesProcessed(static_cast<std::int64_t>(bytes));
}

void BM_AnalyzerTokenize(benchmark::State& state) { analyze(state, false); }
BENCHMARK(BM_AnalyzerTokenize)->Unit(benchmark::kMillisecond);

void BM_AnalyzerTokenizeAndStem(benchmark::State& state) { analyze(state, true); }
BENCHMARK(BM_AnalyzerTokenizeAndStem)->Unit(benchmark::kMillisecond);

// The whole per-statement analysis of the write path: passages, tokens,
// stems, facets and stored data, into a Xapian document (nothing written).
void BM_DocumentBuild(benchmark::State& state) {
  index::DocumentBuilder builder;
  std::size_t bytes = 0, docs = 0;
  for (auto _ : state) {
    for (const auto& s : statements()) {
      Xapian::Document doc = builder.build(s);
      benchmark::DoNotOptimize(doc.termlist_count());
      bytes += s.body.size();
      ++docs;
    }
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(docs));  // items = statements
  state.SetBytesProcessed(static_cast<std::int64_t>(bytes));
}
BENCHMARK(BM_DocumentBuild)->Unit(benchmark::kMillisecond);

// The near-identical signature of every statement, from words folded
// once beforehand: the MinHash share of the write path.
void BM_MinHashSignature(benchmark::State& state) {
  static const std::vector<std::vector<std::string>> texts = [] {
    Analyzer analyzer;
    std::vector<std::vector<std::string>> out;
    for (const auto& s : statements()) {
      std::vector<Token> tokens;
      analyzer.tokenize(s.body, tokens);
      std::vector<std::string> words;
      for (const auto& t : tokens) words.push_back(t.text);
      out.push_back(std::move(words));
    }
    return out;
  }();
  analysis::MinHasher hasher;
  std::size_t words = 0;
  for (auto _ : state) {
    for (const auto& text : texts) {
      hasher.clear();
      for (const auto& w : text) hasher.add_word(w);
      benchmark::DoNotOptimize(hasher.signature());
      words += text.size();
    }
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(words));  // items = words
}
BENCHMARK(BM_MinHashSignature)->Unit(benchmark::kMillisecond);

void BM_QueryParse(benchmark::State& state) {
  const Xapian::Database& db = SmallIndex::get().db();
  query::QueryParser parser(db, Gazetteer::builtin());
  std::size_t parsed = 0;
  for (auto _ : state) {
    for (const auto& q : kQueries) {
      query::ParsedQuery p = parser.parse(q);
      benchmark::DoNotOptimize(p.concepts.data());
      ++parsed;
    }
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(parsed));  // items = queries
}
BENCHMARK(BM_QueryParse)->Unit(benchmark::kMicrosecond);

// Passage scoring of the top 100 candidates of each query, as the searcher
// re-ranks them: positions prefetched for all, then each one scored.
void BM_PassageScoring(benchmark::State& state) {
  const Xapian::Database& db = SmallIndex::get().db();
  query::QueryParser parser(db, Gazetteer::builtin());
  struct Prepared {
    query::ParsedQuery parsed;
    std::vector<Xapian::docid> candidates;
  };
  std::vector<Prepared> prepared;
  for (const auto& q : kQueries) {
    Prepared p{parser.parse(q), {}};
    if (!p.parsed.has_text()) continue;
    Xapian::Enquire enquire(db);
    enquire.set_query(p.parsed.to_xapian());
    Xapian::MSet mset = enquire.get_mset(0, 100);
    for (auto it = mset.begin(); it != mset.end(); ++it) p.candidates.push_back(*it);
    prepared.push_back(std::move(p));
  }
  std::size_t scored = 0;
  for (auto _ : state) {
    for (const auto& p : prepared) {
      query::PassageRanker ranker(db, p.parsed);
      ranker.prefetch(p.candidates);
      for (Xapian::docid id : p.candidates) {
        query::DocumentEvidence e = ranker.evaluate(id);
        benchmark::DoNotOptimize(ranker.combine(e, 1.0));
        ++scored;
      }
    }
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(scored));  // items = statements scored
}
BENCHMARK(BM_PassageScoring)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
