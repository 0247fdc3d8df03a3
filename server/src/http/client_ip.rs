//! The client's address, for rate limits and the audit log. Behind a reverse
//! proxy every request comes from the proxy; `X-Forwarded-For` is believed
//! only when the peer is one of the operator's trusted proxies, and then the
//! rightmost address that is not itself a trusted proxy is the client.

use http::HeaderMap;
use ipnet::IpNet;
use std::net::IpAddr;

pub fn client_ip(peer: Option<IpAddr>, headers: &HeaderMap, trusted: &[IpNet]) -> Option<IpAddr> {
    let peer = peer?;
    let is_trusted = |ip: &IpAddr| trusted.iter().any(|net| net.contains(ip));
    if !is_trusted(&peer) {
        return Some(peer);
    }
    let forwarded: Vec<IpAddr> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    Some(forwarded.into_iter().rev().find(|ip| !is_trusted(ip)).unwrap_or(peer))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(xff: &[&str]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for v in xff {
            h.append("x-forwarded-for", v.parse().unwrap());
        }
        h
    }

    #[test]
    fn the_header_counts_only_from_trusted_proxies() {
        let trusted: Vec<IpNet> = vec!["10.0.0.0/8".parse().unwrap(), "127.0.0.1/32".parse().unwrap()];
        let proxy = Some("10.1.2.3".parse().unwrap());
        let stranger = Some("203.0.113.7".parse().unwrap());
        // A client behind the proxy; spoofed entries on the left are ignored.
        assert_eq!(
            client_ip(proxy, &headers(&["1.1.1.1, 198.51.100.4"]), &trusted),
            Some("198.51.100.4".parse().unwrap())
        );
        // Chained trusted proxies are skipped.
        assert_eq!(
            client_ip(proxy, &headers(&["198.51.100.4, 10.9.9.9"]), &trusted),
            Some("198.51.100.4".parse().unwrap())
        );
        // Anyone else's header is not believed.
        assert_eq!(client_ip(stranger, &headers(&["198.51.100.4"]), &trusted), stranger);
        // No header: the proxy itself.
        assert_eq!(client_ip(proxy, &headers(&[]), &trusted), proxy);
        assert_eq!(client_ip(proxy, &headers(&["not-an-ip"]), &[]), proxy);
    }
}
