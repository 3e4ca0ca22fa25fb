#include "pybind/json_py.h"

namespace ffsb::py {

pyb::object ToPython(const emu::Json& j) {
  switch (j.type()) {
    case emu::Json::value_t::null: return pyb::none();
    case emu::Json::value_t::boolean: return pyb::bool_(j.get<bool>());
    case emu::Json::value_t::number_integer: return pyb::int_(j.get<int64_t>());
    case emu::Json::value_t::number_unsigned: return pyb::int_(j.get<uint64_t>());
    case emu::Json::value_t::number_float: return pyb::float_(j.get<double>());
    case emu::Json::value_t::string: return pyb::str(j.get<std::string>());
    case emu::Json::value_t::array: {
      pyb::list l;
      for (const auto& v : j) l.append(ToPython(v));
      return std::move(l);
    }
    case emu::Json::value_t::object: {
      pyb::dict d;
      for (const auto& [k, v] : j.items()) d[pyb::str(k)] = ToPython(v);
      return std::move(d);
    }
    default: return pyb::none();
  }
}

emu::Json FromPython(const pyb::handle& o) {
  if (o.is_none()) return nullptr;
  if (pyb::isinstance<pyb::bool_>(o)) return o.cast<bool>();
  if (pyb::isinstance<pyb::int_>(o)) return o.cast<int64_t>();
  if (pyb::isinstance<pyb::float_>(o)) return o.cast<double>();
  if (pyb::isinstance<pyb::str>(o)) return o.cast<std::string>();
  if (pyb::isinstance<pyb::dict>(o)) {
    emu::Json j = emu::Json::object();
    for (auto item : o.cast<pyb::dict>()) j[pyb::str(item.first).cast<std::string>()] = FromPython(item.second);
    return j;
  }
  if (pyb::isinstance<pyb::list>(o) || pyb::isinstance<pyb::tuple>(o)) {
    emu::Json j = emu::Json::array();
    for (auto item : o) j.push_back(FromPython(item));
    return j;
  }
  if (pyb::hasattr(o, "isoformat")) {  // datetime: ISO-8601, naive taken as UTC
    std::string s = o.attr("isoformat")().cast<std::string>();
    if (pyb::getattr(o, "tzinfo", pyb::none()).is_none()) s += "Z";
    return s;
  }
  throw pyb::type_error("cannot send a " + std::string(pyb::str(o.get_type())) + " as JSON");
}

std::string CamelCase(const std::string& snake) {
  std::string out;
  bool up = false;
  for (char c : snake) {
    if (c == '_') { up = true; continue; }
    out += up ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    up = false;
  }
  return out;
}

emu::Json BodyFromKwargs(const pyb::kwargs& kw) {
  emu::Json j = emu::Json::object();
  for (auto item : kw) {
    if (item.second.is_none()) continue;
    j[CamelCase(item.first.cast<std::string>())] = FromPython(item.second);
  }
  return j;
}

emu::Query QueryFromKwargs(const pyb::kwargs& kw) {
  emu::Query q;
  for (auto item : kw) {
    if (item.second.is_none()) continue;
    std::string v = pyb::isinstance<pyb::bool_>(item.second) ? (item.second.cast<bool>() ? "true" : "false")
                                                              : std::string(pyb::str(item.second));
    q[CamelCase(item.first.cast<std::string>())] = v;
  }
  return q;
}

}  // namespace ffsb::py
