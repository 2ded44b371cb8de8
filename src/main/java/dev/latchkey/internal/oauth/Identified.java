package dev.latchkey.internal.oauth;

import dev.latchkey.oauth.ProviderIdentity;
import dev.latchkey.oauth.ProviderTokens;

/** What a provider's client found out at a callback: who signed in, and the tokens it was handed. */
record Identified(ProviderIdentity identity, ProviderTokens tokens) {
}
