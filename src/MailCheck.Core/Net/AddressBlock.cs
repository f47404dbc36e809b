using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace MailCheck.Core.Net;

/// <summary>
/// A precomputed CIDR test that never crosses address families. <see cref="IPNetwork.Contains"/> is not used for
/// the policy because it treats an IPv4-mapped IPv6 address as IPv4 (by design for IPv4 networks since .NET 9, and
/// wrongly for IPv6 networks: dotnet/runtime#131861), which would hide the mapped form from the wrapper checks.
/// </summary>
internal readonly struct AddressBlock
{
    private readonly AddressFamily _family;
    private readonly UInt128 _prefix;
    private readonly UInt128 _mask;

    public AddressBlock(IPNetwork network)
    {
        _family = network.BaseAddress.AddressFamily;
        var bits = _family == AddressFamily.InterNetwork ? 32 : 128;
        _mask = network.PrefixLength == 0 ? UInt128.Zero : (UInt128.MaxValue << (bits - network.PrefixLength)) & (UInt128.MaxValue >> (128 - bits));
        _prefix = ToValue(network.BaseAddress) & _mask;
    }

    /// <summary>True when <paramref name="address"/> is of the block's family and inside it.</summary>
    public bool Contains(IPAddress address) =>
        address.AddressFamily == _family && (ToValue(address) & _mask) == _prefix;

    /// <summary>The address as a number: 32 bits for IPv4, 128 for IPv6 (scope id ignored).</summary>
    public static UInt128 ToValue(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        if (!address.TryWriteBytes(bytes, out var written))
        {
            throw new ArgumentException("Unsupported address.", nameof(address));
        }

        return written == 4 ? BinaryPrimitives.ReadUInt32BigEndian(bytes) : BinaryPrimitives.ReadUInt128BigEndian(bytes);
    }
}
