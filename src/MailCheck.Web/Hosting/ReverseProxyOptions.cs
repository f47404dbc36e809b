using System.Net;

namespace MailCheck.Web.Hosting;

/// <summary>
/// Configuration section <c>MailCheck:ReverseProxy</c>: whose <c>X-Forwarded-*</c> headers are believed.
/// Headers from any other address are ignored.
/// </summary>
public sealed class ReverseProxyOptions
{
    public const string SectionName = "MailCheck:ReverseProxy";

    /// <summary>Networks (CIDR, e.g. <c>172.16.0.0/12</c>) whose proxies are trusted.</summary>
    public IList<string> KnownNetworks { get; init; } = [];

    /// <summary>Single proxy addresses (e.g. <c>10.0.0.5</c>) that are trusted.</summary>
    public IList<string> KnownProxies { get; init; } = [];

    /// <summary>Returns a message naming each entry that does not parse.</summary>
    public IEnumerable<string> Problems()
    {
        foreach (var network in KnownNetworks)
        {
            if (!System.Net.IPNetwork.TryParse(network, out _))
            {
                yield return $"MailCheck:ReverseProxy:KnownNetworks: '{network}' is not a network in CIDR form (e.g. 10.0.0.0/8).";
            }
        }

        foreach (var proxy in KnownProxies)
        {
            if (!IPAddress.TryParse(proxy, out _))
            {
                yield return $"MailCheck:ReverseProxy:KnownProxies: '{proxy}' is not an IP address.";
            }
        }
    }
}
