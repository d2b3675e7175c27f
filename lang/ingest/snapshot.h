// Alibaba Cloud API snapshot -> world document (docs/import.md; shapes: ingestion.md §2,
// reference.md §5). A snapshot is a folder per account holding one JSON response per file, named
// `<product>.<Action>[.<Key>=<Value>]*.page<N>.json`. Every error is located (file, JSON pointer,
// line:column); what the world does not model is ignored with a note.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "lang/diagnostic.h"
#include "lang/settings.h"

namespace lp::ingest {

// One response file: `path` is how it is named in messages, `account` the folder it sits in,
// `name` its file name.
struct SnapshotFile {
  std::string path;
  std::string account;
  std::string name;
  std::string text;
};

// What the whitelist ARN acs:ram:*::* admits (reference.md §3.7, §7 item 13: UNCONFIRMED).
enum class WildcardArn {
  SnapshotAccounts,  // default: every account, which in the world is every account of the snapshot
  Refuse,            // an LP-IMPORT-004 error: the user decides
};

struct ImportOptions {
  PolicySettings policy;  // policy documents are checked with the RAM parser and these settings
  bool verbose = false;   // notes list every ignored field, not only a count per API
  WildcardArn wildcard_arn = WildcardArn::SnapshotAccounts;  // --wildcard-arn accounts|refuse
};

// The notes of an import: one line per API and kind (ignored fields, defaults taken, files not
// read). `details` is filled with --verbose.
struct ImportNote {
  std::string api;  // "ecs.DescribeSecurityGroups", or "" for the snapshot as a whole
  std::string message;
  std::vector<std::string> details;
};

struct ImportResult {
  nlohmann::ordered_json world;  // a world document (docs/world-format.md)
  std::vector<ImportNote> notes;
};

// The call a file name stands for.
struct CallName {
  std::string product, action;
  std::vector<std::pair<std::string, std::string>> params;  // sorted by key
  int page = 0;
  std::string api() const { return product + "." + action; }
  std::string key() const;  // product.Action plus parameters, without the page
};

// Parses `<product>.<Action>[.<Key>=<Value>]*.page<N>.json`; nullopt and `error` when the name does
// not follow the convention. A value may itself hold dots (`PolicyName=ops.v2`): a segment without
// `=` continues the value before it.
std::optional<CallName> parse_call_name(const std::string& file_name, std::string& error);

// Reads a snapshot folder: one subfolder per account id (a folder holding response files directly
// is refused, since the account id is its name).
std::optional<ImportResult> import_openapi_dir(const std::string& dir, const ImportOptions& options, Diagnostics& diags);

// The same from files already in memory (tests, fuzzing).
std::optional<ImportResult> import_openapi_files(const std::vector<SnapshotFile>& files, const ImportOptions& options,
                                                 Diagnostics& diags);

}  // namespace lp::ingest
