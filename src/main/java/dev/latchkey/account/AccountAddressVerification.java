package dev.latchkey.account;

import dev.latchkey.cdi.AddressVerification;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The built-in accounts' answer to {@code CurrentUser.isAddressVerified()}. */
@ApplicationScoped
class AccountAddressVerification implements AddressVerification {

    @Inject
    AccountsModule module;

    @Override
    public boolean isVerified(String userId) {
        return module.addressVerified(userId);
    }
}
