-- Requests that create rows without a token (sign-in nonces, node announcements), counted per
-- client IP and fixed window in the database every registry instance shares, so that the limit holds
-- across instances (#13 L8). One upsert per request; windows older than the current one are deleted.
create table anonymous_request_count (
    action       varchar(20)  not null,
    client       varchar(64)  not null,
    window_start timestamptz  not null,
    requests     integer      not null,
    primary key (action, client, window_start)
);

create index anonymous_request_count_window_start on anonymous_request_count (window_start);
