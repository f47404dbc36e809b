using System.Net;

namespace MailCheck.Core.Net;

/// <summary>
/// A named block of addresses that MailCheck never connects to unless it is inside
/// <see cref="SafetyOptions.AllowedNetworks"/>: "127.0.0.0/8 (loopback)".
/// </summary>
public sealed record SpecialRange
{
    /// <summary>Creates a range from its CIDR text (which is also how it is shown) and a short name.</summary>
    public SpecialRange(string cidr, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(cidr);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Cidr = cidr;
        Name = name;
        Network = IPNetwork.Parse(cidr);
    }

    /// <summary>The range as written in the IANA registries, e.g. "::ffff:0:0/96".</summary>
    public string Cidr { get; }

    /// <summary>What the range is, e.g. "loopback" or "private".</summary>
    public string Name { get; }

    public IPNetwork Network { get; }

    public bool Contains(IPAddress address) => Network.Contains(address);

    /// <summary>"127.0.0.0/8 (loopback)".</summary>
    public override string ToString() => $"{Cidr} ({Name})";
}
