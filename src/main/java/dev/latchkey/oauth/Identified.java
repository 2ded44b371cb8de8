package dev.latchkey.oauth;

/** What a provider's client found out at a callback: who signed in, and the tokens it was handed. */
record Identified(ProviderIdentity identity, ProviderTokens tokens) {
}
