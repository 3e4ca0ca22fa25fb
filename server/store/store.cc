#include "server/store/store.h"

namespace ffsb::store {

std::string_view ToString(TokenKind k) {
  switch (k) {
    case TokenKind::ACCESS: return "ACCESS";
    case TokenKind::REFRESH: return "REFRESH";
    case TokenKind::STREAMING: return "STREAMING";
  }
  return "ACCESS";
}

std::optional<TokenKind> ParseTokenKind(std::string_view s) {
  for (TokenKind k : {TokenKind::ACCESS, TokenKind::REFRESH, TokenKind::STREAMING})
    if (ToString(k) == s) return k;
  return std::nullopt;
}

std::string_view ToString(DeliveryState s) {
  switch (s) {
    case DeliveryState::PENDING: return "PENDING";
    case DeliveryState::SUCCEEDED: return "SUCCEEDED";
    case DeliveryState::FAILED: return "FAILED";
  }
  return "PENDING";
}

std::optional<DeliveryState> ParseDeliveryState(std::string_view s) {
  for (DeliveryState d : {DeliveryState::PENDING, DeliveryState::SUCCEEDED, DeliveryState::FAILED})
    if (ToString(d) == s) return d;
  return std::nullopt;
}

}  // namespace ffsb::store
