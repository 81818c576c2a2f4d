package io.flashback.bridge.grants;

import java.util.List;

/**
 * Where grants come from: a file or the command line now, the platform's grant sync later.
 * {@link Grants#replaceAll} installs what a source returns without a restart.
 */
public interface GrantSource {
    List<Grant> load();
}
