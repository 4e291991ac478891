// The search page's static files, compiled into the binary from
// src/server/assets/ (src/cmake/embed_assets.cmake): the server reads no
// file from disk to answer a request.

#ifndef COMMUNIQUE_SERVER_ASSETS_H_
#define COMMUNIQUE_SERVER_ASSETS_H_

#include <string_view>
#include <vector>

namespace communique::server {

struct Asset {
  std::string_view name;          // "style.css", served as /assets/style.css
  std::string_view content_type;  // "text/css; charset=utf-8"
  std::string_view version;       // 12 hex digits of the content's SHA-256
  std::string_view body;
};

// Every asset, in the order CMake listed them.
const std::vector<Asset>& assets();

// The asset called exactly `name`; nullptr when there is none.
inline const Asset* find_asset(std::string_view name) {
  for (const auto& a : assets()) {
    if (a.name == name) return &a;
  }
  return nullptr;
}

}  // namespace communique::server

#endif  // COMMUNIQUE_SERVER_ASSETS_H_
