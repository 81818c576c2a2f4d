package io.flashback.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A body cut off by {@link RequestBodyLimitFilter} reaches Spring MVC wrapped as an unreadable message; it is answered
 * 413 here, ahead of the services' handlers that would call it a 400.
 */
final class RequestBodyTooLargeResolver implements HandlerExceptionResolver, Ordered {

    @Override
    public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler, Exception ex) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof RequestBodyTooLarge tooLarge && !response.isCommitted()) {
                try {
                    RequestBodyLimitFilter.tooLarge(request, response, tooLarge.limit());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return new ModelAndView();
            }
        }
        return null;
    }

    @Override
    public int getOrder() {
        // after Boot's DefaultErrorAttributes (which only records the exception), before the MVC handlers
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }
}
