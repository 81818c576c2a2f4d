package io.flashback.security;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Roles become {@code ROLE_<role>} authorities and scopes {@code SCOPE_<scope>}, for servlet and reactive services alike. */
public final class FlashbackAuthorities implements Converter<Jwt, Collection<GrantedAuthority>> {

    @Override
    public Collection<GrantedAuthority> convert(Jwt jwt) {
        Identity identity = Identity.of(jwt);
        List<GrantedAuthority> authorities = new ArrayList<>();
        identity.roles().forEach(role -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role)));
        identity.scopes().forEach(scope -> authorities.add(new SimpleGrantedAuthority("SCOPE_" + scope)));
        return authorities;
    }
}
