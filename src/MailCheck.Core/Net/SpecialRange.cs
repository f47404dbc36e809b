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
        Block = new AddressBlock(Network);
    }

    /// <summary>The range as written in the IANA registries, e.g. "::ffff:0:0/96".</summary>
    public string Cidr { get; }

    /// <summary>What the range is, e.g. "loopback" or "private".</summary>
    public string Name { get; }

    public IPNetwork Network { get; }

    internal AddressBlock Block { get; }

    /// <summary>True when <paramref name="address"/> is inside the range. An IPv4-mapped IPv6 address is not inside an
    /// IPv4 range (unlike <see cref="IPNetwork.Contains"/>): the policy unwraps it explicitly.</summary>
    public bool Contains(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return Block.Contains(address);
    }

    /// <summary>"127.0.0.0/8 (loopback)".</summary>
    public override string ToString() => $"{Cidr} ({Name})";
}
