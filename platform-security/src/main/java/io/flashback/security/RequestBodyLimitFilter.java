package io.flashback.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Refuses request bodies above {@code flashback.security.request-body.max-size} with 413 problem details (#13 M4):
 * at once when the declared {@code Content-Length} is larger, and while reading when a body without a length
 * (chunked) grows past it, so no service parses more than the limit whatever a client sends. The overflow surfaces
 * as {@link RequestBodyTooLarge} inside whatever read the body; {@link RequestBodyTooLargeResolver} and this filter
 * turn it into the 413.
 */
final class RequestBodyLimitFilter extends OncePerRequestFilter implements Ordered {

    private final long limit;

    RequestBodyLimitFilter(long limit) {
        this.limit = limit;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > limit) {
            tooLarge(request, response, limit);
            return;
        }
        LimitedRequest limited = new LimitedRequest(request, limit);
        try {
            chain.doFilter(limited, response);
        } catch (IOException | ServletException | RuntimeException e) {
            if (limited.exceeded && !response.isCommitted()) {
                response.reset();
                tooLarge(request, response, limit);
                return;
            }
            throw e;
        }
    }

    static void tooLarge(HttpServletRequest request, HttpServletResponse response, long limit) throws IOException {
        // the rest of the body is not read: the connection is not reused after this answer
        response.setHeader("Connection", "close");
        ProblemResponses.write(request, response, HttpStatus.CONTENT_TOO_LARGE.value(), "Request body too large",
                RequestBodyTooLarge.detail(limit));
    }

    @Override
    public int getOrder() {
        // ahead of Spring Security's chain and of everything that might read the body
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }

    @Override
    public String toString() {
        return "RequestBodyLimitFilter[" + limit + " bytes]";
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {

        private final long limit;
        private ServletInputStream stream;
        private volatile boolean exceeded;

        LimitedRequest(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new Counting(super.getInputStream());
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }

        private final class Counting extends ServletInputStream {

            private final ServletInputStream in;
            private long read;

            Counting(ServletInputStream in) {
                this.in = in;
            }

            @Override
            public int read() throws IOException {
                int b = in.read();
                if (b >= 0) {
                    count(1);
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = in.read(buffer, offset, length);
                if (n > 0) {
                    count(n);
                }
                return n;
            }

            private void count(int n) throws RequestBodyTooLarge {
                read += n;
                if (read > limit) {
                    exceeded = true;
                    throw new RequestBodyTooLarge(limit);
                }
            }

            @Override
            public boolean isFinished() {
                return in.isFinished();
            }

            @Override
            public boolean isReady() {
                return in.isReady();
            }

            @Override
            public void setReadListener(ReadListener listener) {
                in.setReadListener(listener);
            }
        }
    }
}
