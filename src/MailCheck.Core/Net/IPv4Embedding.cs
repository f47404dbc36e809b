using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace MailCheck.Core.Net;

/// <summary>
/// IPv6 forms that carry an IPv4 address: IPv4-mapped, IPv4-translated, IPv4-compatible, NAT64 (well-known and
/// local-use prefixes), 6to4 and Teredo. A connection to such an address can end up at the embedded IPv4 address,
/// so the policy checks the embedded address too.
/// </summary>
internal static class IPv4Embedding
{
    public static readonly SpecialRange Mapped = new("::ffff:0:0/96", "IPv4-mapped");
    public static readonly SpecialRange Translated = new("::ffff:0:0:0/96", "IPv4-translated");
    public static readonly SpecialRange Compatible = new("::/96", "IPv4-compatible, deprecated");
    public static readonly SpecialRange Nat64 = new("64:ff9b::/96", "NAT64");
    public static readonly SpecialRange Nat64LocalUse = new("64:ff9b:1::/48", "local-use NAT64");
    public static readonly SpecialRange SixToFour = new("2002::/16", "6to4");
    public static readonly SpecialRange Teredo = new("2001::/32", "Teredo");

    /// <summary>Every wrapper, for documentation and tests.</summary>
    public static IReadOnlyList<SpecialRange> All { get; } = [Mapped, Translated, Compatible, Nat64, Nat64LocalUse, SixToFour, Teredo];

    /// <summary>
    /// Finds the IPv4 addresses embedded in <paramref name="address"/>. False for IPv4 addresses, for "::" and "::1"
    /// (unspecified and loopback, not wrappers) and for IPv6 addresses of no wrapper form.
    /// </summary>
    public static bool TryUnwrap(IPAddress address, out Unwrapped unwrapped)
    {
        unwrapped = default;
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[16];
        if (!address.TryWriteBytes(bytes, out _))
        {
            return false;
        }

        var last32 = BinaryPrimitives.ReadUInt32BigEndian(bytes[12..]);
        if (Mapped.Contains(address))
        {
            unwrapped = new Unwrapped(Mapped, Routable: true, Create(last32, role: null), null);
        }
        else if (Translated.Contains(address))
        {
            unwrapped = new Unwrapped(Translated, Routable: false, Create(last32, role: null), null);
        }
        else if (Compatible.Contains(address))
        {
            if (last32 <= 1)
            {
                return false; // "::" and "::1"
            }

            unwrapped = new Unwrapped(Compatible, Routable: false, Create(last32, role: null), null);
        }
        else if (Nat64.Contains(address))
        {
            unwrapped = new Unwrapped(Nat64, Routable: true, Create(last32, role: null), null);
        }
        else if (Nat64LocalUse.Contains(address))
        {
            // RFC 8215 leaves the layout to the operator; the usual one is a /96 prefix (IPv4 in the last 32 bits).
            unwrapped = new Unwrapped(Nat64LocalUse, Routable: true, Create(last32, role: null), null);
        }
        else if (SixToFour.Contains(address))
        {
            // RFC 3056: 2002:V4ADDR::/48, the IPv4 address in bits 16-47.
            unwrapped = new Unwrapped(SixToFour, Routable: true, Create(BinaryPrimitives.ReadUInt32BigEndian(bytes[2..]), role: null), null);
        }
        else if (Teredo.Contains(address))
        {
            // RFC 4380: server IPv4 in bits 32-63; the client's public IPv4, inverted, in the last 32 bits.
            unwrapped = new Unwrapped(
                Teredo,
                Routable: true,
                Create(BinaryPrimitives.ReadUInt32BigEndian(bytes[4..]), role: "server"),
                Create(~last32, role: "client"));
        }
        else
        {
            return false;
        }

        return true;
    }

    private static Embedded Create(uint value, string? role)
    {
        Span<byte> v4 = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(v4, value);
        return new Embedded(new IPAddress(v4), role);
    }

    /// <summary>An IPv4 address inside a wrapper; <see cref="Role"/> tells Teredo's server and client apart.</summary>
    internal readonly record struct Embedded(IPAddress Address, string? Role);

    /// <summary>The wrapper an address is in and the one or two IPv4 addresses it carries.</summary>
    /// <param name="Wrapper">The wrapper range.</param>
    /// <param name="Routable">False for forms no network routes (compatible, translated): refused even when the IPv4 address is public.</param>
    /// <param name="First">The embedded address (Teredo: the server).</param>
    /// <param name="Second">Teredo: the client; otherwise null.</param>
    internal readonly record struct Unwrapped(SpecialRange Wrapper, bool Routable, Embedded First, Embedded? Second);
}
