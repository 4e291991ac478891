// The directory walk of import_paths: links followed, loops and files
// reached twice read once, dangling links and unreadable files and folders
// reported while the walk goes on; and a randomized test of the same over
// generated trees.

#include "ingest/walk.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <random>
#include <set>
#include <sstream>

#include "ingest/collect_sink.h"
#include "support/temp_index.h"
#include "support/unprivileged.h"

namespace communique {
namespace {

namespace fs = std::filesystem;
using testing::CollectSink;
using testing::TempDir;

void write_jsonl(const fs::path& file, const std::vector<std::string>& ids) {
  std::ofstream out(file);
  for (const auto& id : ids)
    out << "{\"id\": \"" << id << "\", \"body\": \"peace talks " << id << "\"}\n";
}

std::vector<std::string> ids_of(const CollectSink& sink) {
  std::vector<std::string> ids;
  for (const auto& s : sink.statements) ids.push_back(s.id);
  std::sort(ids.begin(), ids.end());
  return ids;
}

bool skipped_with(const CollectSink& sink, const fs::path& path) {
  return std::find(sink.skipped.begin(), sink.skipped.end(), path.string()) != sink.skipped.end();
}

TEST(Walk, FollowsLinkedFoldersAndReadsEachFileOnce) {
  TempDir dir;
  fs::create_directories(dir.path() / "src");
  fs::create_directories(dir.path() / "elsewhere/deeper");
  write_jsonl(dir.path() / "src/a.jsonl", {"a1", "a2"});
  write_jsonl(dir.path() / "elsewhere/b.jsonl", {"b1"});
  write_jsonl(dir.path() / "elsewhere/deeper/c.jsonl", {"c1"});
  fs::create_directory_symlink(dir.path() / "elsewhere", dir.path() / "src/linked");
  // A second way to the same folder, and to one file: read once each.
  fs::create_directory_symlink(dir.path() / "elsewhere", dir.path() / "src/same");
  fs::create_symlink(dir.path() / "elsewhere/b.jsonl", dir.path() / "src/z-b.jsonl");
  CollectSink sink;
  import_paths({dir.str("src")}, {}, sink);
  EXPECT_EQ(ids_of(sink), (std::vector<std::string>{"a1", "a2", "b1", "c1"}));
  EXPECT_TRUE(sink.problems.empty());
  // Read through the first link met, in path order.
  std::set<std::string> files;
  for (const auto& w : sink.where) files.insert(w.file);
  EXPECT_EQ(files.count((dir.path() / "src/linked/b.jsonl").string()), 1u);
  EXPECT_TRUE(skipped_with(sink, dir.path() / "src/same"));
  EXPECT_TRUE(skipped_with(sink, dir.path() / "src/z-b.jsonl"));
}

TEST(Walk, ALinkLoopIsNotFollowedAndEndsNothing) {
  TempDir dir;
  fs::create_directories(dir.path() / "src/sub");
  write_jsonl(dir.path() / "src/a.jsonl", {"a1"});
  write_jsonl(dir.path() / "src/sub/b.jsonl", {"b1"});
  write_jsonl(dir.path() / "src/sub/z.jsonl", {"z1"});
  fs::create_directory_symlink(dir.path() / "src", dir.path() / "src/sub/back");
  fs::create_directory_symlink(".", dir.path() / "src/sub/here");
  CollectSink sink;
  import_paths({dir.str("src")}, {}, sink);
  EXPECT_EQ(ids_of(sink), (std::vector<std::string>{"a1", "b1", "z1"}));
  EXPECT_TRUE(sink.problems.empty());
  EXPECT_TRUE(skipped_with(sink, dir.path() / "src/sub/back"));
  EXPECT_TRUE(skipped_with(sink, dir.path() / "src/sub/here"));
  // The same folder given twice, or inside another given: read once.
  CollectSink twice;
  import_paths({dir.str("src"), dir.str("src/sub")}, {}, twice);
  EXPECT_EQ(ids_of(twice), (std::vector<std::string>{"a1", "b1", "z1"}));
}

TEST(Walk, DanglingLinksAreReportedAndTheWalkGoesOn) {
  TempDir dir;
  fs::create_directories(dir.path() / "src");
  write_jsonl(dir.path() / "src/a.jsonl", {"a1"});
  write_jsonl(dir.path() / "src/z.jsonl", {"z1"});
  fs::create_directory_symlink(dir.path() / "unmounted-share", dir.path() / "src/share");
  fs::create_symlink("itself", dir.path() / "src/itself");
  CollectSink sink;
  import_paths({dir.str("src")}, {}, sink);
  EXPECT_EQ(ids_of(sink), (std::vector<std::string>{"a1", "z1"}));
  auto dangling = sink.of_kind("dangling-link");
  ASSERT_EQ(dangling.size(), 2u);
  EXPECT_EQ(dangling[0].where.file, dir.str("src/itself"));
  EXPECT_NE(dangling[0].message.find("loop of links"), std::string::npos) << dangling[0].message;
  EXPECT_EQ(dangling[1].where.file, dir.str("src/share"));
  EXPECT_NE(dangling[1].message.find("does not exist"), std::string::npos) << dangling[1].message;
  EXPECT_TRUE(dangling[1].skipped);
}

// What an import did, as text a child process can hand back: "S id",
// "P kind file", "F skipped-path" lines.
std::string summary(const CollectSink& sink) {
  std::ostringstream out;
  for (const auto& id : ids_of(sink)) out << "S " << id << "\n";
  for (const auto& p : sink.problems) out << "P " << p.kind << " " << p.where.file << "\n";
  for (const auto& f : sink.skipped) out << "F " << f << "\n";
  return out.str();
}

std::vector<std::string> lines_starting(const std::string& text, const std::string& prefix) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (line.rfind(prefix, 0) == 0) out.push_back(line.substr(prefix.size()));
  }
  return out;
}

TEST(Walk, AnUnreadableFolderOrFileIsReportedAndTheWalkGoesOn) {
  TempDir dir;
  fs::create_directories(dir.path() / "src/b-locked");
  fs::create_directories(dir.path() / "src/c");
  write_jsonl(dir.path() / "src/a.jsonl", {"a1"});
  write_jsonl(dir.path() / "src/b-locked/x.jsonl", {"x1"});
  write_jsonl(dir.path() / "src/c/d.jsonl", {"d1"});
  write_jsonl(dir.path() / "src/e-locked.jsonl", {"e1"});
  write_jsonl(dir.path() / "src/z.jsonl", {"z1"});
  fs::permissions(dir.path() / "src/b-locked", fs::perms::none);
  fs::permissions(dir.path() / "src/e-locked.jsonl", fs::perms::none);
  std::string result = testing::run_unprivileged([&] {
    CollectSink sink;
    import_paths({dir.str("src")}, {}, sink);
    return summary(sink);
  });
  fs::permissions(dir.path() / "src/b-locked", fs::perms::owner_all);
  ASSERT_EQ(result.find("CHILD FAILED"), std::string::npos) << result;
  EXPECT_EQ(lines_starting(result, "S "), (std::vector<std::string>{"a1", "d1", "z1"}));
  EXPECT_EQ(lines_starting(result, "P "),
            (std::vector<std::string>{"unreadable-folder " + dir.str("src/b-locked"),
                                      "unreadable-file " + dir.str("src/e-locked.jsonl")}));
}

// --- Generated trees ---------------------------------------------------------
//
// A random tree of folders, JSONL files (UTF-8, UTF-8 with a NUL in one
// record, UTF-16 with and without a mark), links (to folders, ancestors
// included, to files, inside and outside the tree, dangling) and
// unreadable files and folders. A model of the tree says what a walk must
// find: every record of every file reachable through readable folders,
// once, and one report for each unreadable folder or file and each
// dangling link reached.

struct Node {
  enum Type { kFolder, kFile, kLink } type = kFolder;
  fs::path path;
  int parent = -1;
  bool readable = true;
  int target = -1;  // a link's node, -1 when dangling
  std::vector<int> children;
  std::vector<std::string> ids;  // a file's records that can be read
  std::string encoding;          // a file's
};

struct Tree {
  std::vector<Node> nodes;  // 0: the root walked; 1: a folder outside it
};

std::string utf16(const std::string& ascii, bool big_endian) {
  std::string out;
  for (char c : ascii) {
    if (big_endian) out += '\0';
    out += c;
    if (!big_endian) out += '\0';
  }
  return out;
}

void write_file(Node& node, int number) {
  std::string text;
  int records = 1 + number % 3;
  bool nul = node.encoding == "nul";
  for (int r = 0; r < records; ++r) {
    std::string id = "n" + std::to_string(number) + "-" + std::to_string(r);
    std::string body = "peace talks " + id;
    if (nul && r == 0) {
      body.insert(5, 1, '\0');  // a malformed record, reported: not read
    } else {
      node.ids.push_back(id);
    }
    text += "{\"id\": \"" + id + "\", \"body\": \"" + body + "\"}\n";
  }
  std::string bytes = text;
  if (node.encoding == "utf16le-mark") bytes = "\xFF\xFE" + utf16(text, false);
  if (node.encoding == "utf16be-mark") bytes = "\xFE\xFF" + utf16(text, true);
  if (node.encoding == "utf16le") bytes = utf16(text, false);
  std::ofstream(node.path, std::ios::binary) << bytes;
}

Tree generate(const fs::path& base, std::mt19937& rng) {
  Tree tree;
  tree.nodes.resize(2);
  tree.nodes[0].path = base / "root";
  tree.nodes[1].path = base / "outside";
  fs::create_directories(tree.nodes[0].path);
  fs::create_directories(tree.nodes[1].path);
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  auto folders = [&] {
    std::vector<int> out;
    for (int i = 0; i < static_cast<int>(tree.nodes.size()); ++i) {
      if (tree.nodes[i].type == Node::kFolder) out.push_back(i);
    }
    return out;
  };
  const char* encodings[] = {"utf8", "utf8", "nul", "utf16le-mark", "utf16be-mark", "utf16le"};
  int steps = 6 + pick(14);
  for (int step = 0; step < steps; ++step) {
    auto in = folders();
    int parent = in[pick(static_cast<int>(in.size()))];
    int number = static_cast<int>(tree.nodes.size());
    Node node;
    node.path = tree.nodes[parent].path / ("e" + std::to_string(number));
    node.parent = parent;
    int kind = pick(10);
    if (kind < 3) {
      fs::create_directory(node.path);
    } else if (kind < 7) {
      node.type = Node::kFile;
      node.path += ".jsonl";
      node.encoding = encodings[pick(6)];
      write_file(node, number);
    } else {
      node.type = Node::kLink;
      int choice = pick(static_cast<int>(tree.nodes.size()) + 1);
      if (choice < static_cast<int>(tree.nodes.size()) && tree.nodes[choice].type != Node::kLink) {
        node.target = choice;
        fs::create_symlink(tree.nodes[choice].path, node.path);
      } else {
        fs::create_symlink(base / "missing", node.path);
      }
    }
    tree.nodes[parent].children.push_back(number);
    tree.nodes.push_back(std::move(node));
  }
  // Some folders and files become unreadable (the root and the outside
  // folder stay readable).
  for (std::size_t i = 2; i < tree.nodes.size(); ++i) {
    Node& n = tree.nodes[i];
    if (n.type != Node::kLink && pick(8) == 0) n.readable = false;
  }
  return tree;
}

// Applies the permissions last, so that generating never trips on them
// (inner ones first when locking, outer ones first when unlocking).
void lock(Tree& tree, bool locked) {
  auto apply = [&](Node& n) {
    if (!n.readable) fs::permissions(n.path, locked ? fs::perms::none : fs::perms::owner_all);
  };
  if (locked)
    std::for_each(tree.nodes.rbegin(), tree.nodes.rend(), apply);
  else
    std::for_each(tree.nodes.begin(), tree.nodes.end(), apply);
}

struct Expected {
  std::multiset<std::string> ids;
  std::size_t unreadable_folders = 0, unreadable_files = 0, dangling = 0;
};

// What the walk must find, from the model.
Expected expect(const Tree& tree) {
  Expected e;
  std::set<int> visited;  // folders and files, by node: their identity
  // A path is reachable when every real folder above it can be searched.
  auto searchable = [&](int node) {
    for (int p = tree.nodes[node].parent; p >= 0; p = tree.nodes[p].parent) {
      if (!tree.nodes[p].readable) return false;
    }
    return true;
  };
  std::function<void(int)> visit = [&](int folder) {
    if (!visited.insert(folder).second) return;
    if (!tree.nodes[folder].readable) {
      ++e.unreadable_folders;
      return;
    }
    for (int child : tree.nodes[folder].children) {
      int node = child;
      if (tree.nodes[child].type == Node::kLink) {
        node = tree.nodes[child].target;
        if (node < 0) {
          ++e.dangling;
          continue;
        }
        if (!searchable(node)) {  // the link cannot be followed
          ++e.unreadable_files;
          continue;
        }
      }
      const Node& n = tree.nodes[node];
      if (n.type == Node::kFolder) {
        visit(node);
      } else if (visited.insert(node).second) {
        if (!n.readable)
          ++e.unreadable_files;
        else
          e.ids.insert(n.ids.begin(), n.ids.end());
      }
    }
  };
  visit(0);
  return e;
}

TEST(Walk, GeneratedTreesAreReadWholeAndEveryFaultReported) {
  for (unsigned seed = 1; seed <= 120; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    TempDir dir;
    std::mt19937 rng(seed);
    Tree tree = generate(dir.path(), rng);
    Expected expected = expect(tree);
    lock(tree, true);
    std::string result = testing::run_unprivileged([&] {
      CollectSink sink;
      import_paths({tree.nodes[0].path.string()}, {}, sink);
      return summary(sink);
    });
    lock(tree, false);
    ASSERT_EQ(result.find("CHILD FAILED"), std::string::npos) << result;
    auto ids = lines_starting(result, "S ");
    EXPECT_EQ(std::multiset<std::string>(ids.begin(), ids.end()), expected.ids) << result;
    auto problems = lines_starting(result, "P ");
    auto count = [&](const std::string& kind) {
      return static_cast<std::size_t>(
          std::count_if(problems.begin(), problems.end(),
                        [&](const std::string& p) { return p.rfind(kind + " ", 0) == 0; }));
    };
    EXPECT_EQ(count("unreadable-folder"), expected.unreadable_folders) << result;
    EXPECT_EQ(count("unreadable-file"), expected.unreadable_files) << result;
    EXPECT_EQ(count("dangling-link"), expected.dangling) << result;
    std::size_t nul_files = 0;
    for (const auto& n : tree.nodes) nul_files += n.type == Node::kFile && n.encoding == "nul";
    EXPECT_LE(count("malformed-record"), nul_files) << result;
    EXPECT_EQ(problems.size(), count("unreadable-folder") + count("unreadable-file") +
                                   count("dangling-link") + count("malformed-record"))
        << result;
  }
}

}  // namespace
}  // namespace communique
