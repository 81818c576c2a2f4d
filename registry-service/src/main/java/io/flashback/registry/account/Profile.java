package io.flashback.registry.account;

/** What an account shows of itself: a display name, and optionally an organisation and a contact. */
record Profile(String displayName, String organisation, String contact) {

    Profile {
        displayName = displayName.strip();
        organisation = blankToNull(organisation);
        contact = blankToNull(contact);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
