/**
 * Sign-in with OAuth 2.0 and OpenID Connect providers — GitHub, Google, or any OpenID Connect provider
 * by discovery — declared in settings ({@code latchkey.oauth.<name>.*}) or in code
 * ({@link dev.latchkey.oauth.OAuthProvider}). The application says who a provider identity is through
 * {@link dev.latchkey.oauth.OAuthUsers}, unless the built-in accounts do; links to start a sign-in come
 * from {@link dev.latchkey.oauth.OAuthSignIn}.
 */
package dev.latchkey.oauth;
