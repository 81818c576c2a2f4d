package io.flashback.launcher;

/** Something the user can fix; its message is printed without a stack trace. */
public class LauncherException extends RuntimeException {

    public LauncherException(String message) {
        super(message);
    }
}
