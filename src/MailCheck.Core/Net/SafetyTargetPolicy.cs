using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace MailCheck.Core.Net;

/// <summary>
/// The target policy of a public MailCheck: only <see cref="SafetyOptions.AllowedPorts"/>, and no special address
/// (loopback, private, link-local, multicast, reserved ... and the IPv6 forms that embed them) unless it is inside
/// <see cref="SafetyOptions.AllowedNetworks"/>. Immutable after construction: thread-safe, no allocation on the
/// allowed path for plain IPv4 and IPv6 addresses.
/// </summary>
public sealed class SafetyTargetPolicy : ITargetPolicy
{
    private readonly AddressBlock[] _allowedNetworks;
    private readonly int[] _allowedPorts;
    private readonly string _allowedPortsText;

    public SafetyTargetPolicy(IOptions<SafetyOptions> options)
        : this((options ?? throw new ArgumentNullException(nameof(options))).Value)
    {
    }

    /// <exception cref="OptionsValidationException">The options are malformed (see <see cref="SafetyOptionsValidator"/>).</exception>
    public SafetyTargetPolicy(SafetyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = SafetyOptionsValidator.GetErrors(options);
        if (errors.Count > 0)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(SafetyOptions), errors);
        }

        _allowedNetworks = [.. options.AllowedNetworks.Select(n => new AddressBlock(SafetyOptionsValidator.TryParseNetwork(n, out var network, out _) ? network : throw new InvalidOperationException(n)))];
        _allowedPorts = [.. options.EffectiveAllowedPorts.Distinct().Order()];
        _allowedPortsText = string.Join(", ", _allowedPorts.Select(p => p.ToString(CultureInfo.InvariantCulture)));
        AllowSend = options.AllowSend;
    }

    /// <summary>The allowed ports, ascending.</summary>
    public IReadOnlyList<int> AllowedPorts => _allowedPorts;

    /// <summary>Whether send mode is on.</summary>
    public bool AllowSend { get; }

    public TargetDecision Evaluate(IPAddress address, int port)
    {
        ArgumentNullException.ThrowIfNull(address);
        var portDecision = EvaluatePort(port);
        return portDecision.Allowed ? EvaluateAddress(address) : portDecision;
    }

    /// <summary>Allows a port in <see cref="AllowedPorts"/>; "port 2525 is not allowed (allowed: 25, 465, 587)".</summary>
    public TargetDecision EvaluatePort(int port) =>
        Array.IndexOf(_allowedPorts, port) >= 0
            ? TargetDecision.Allow
            : TargetDecision.Block(string.Create(CultureInfo.InvariantCulture, $"port {port} is not allowed (allowed: {_allowedPortsText})"));

    /// <summary>Allows an address unless it is special and outside the allowed networks; the reason names the range.</summary>
    public TargetDecision EvaluateAddress(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (IsInAllowedNetwork(address))
        {
            return TargetDecision.Allow;
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var range = SpecialRanges.Find(address);
            return range is null ? TargetDecision.Allow : TargetDecision.Block($"{address} is in {range}");
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return TargetDecision.Block($"{address} is not an IPv4 or IPv6 address");
        }

        if (IPv4Embedding.TryUnwrap(address, out var unwrapped))
        {
            return EvaluateWrapper(address, unwrapped);
        }

        var special = SpecialRanges.Find(address);
        if (special is not null)
        {
            return TargetDecision.Block($"{address} is in {special}");
        }

        return SpecialRanges.IsGlobalUnicastIPv6(address)
            ? TargetDecision.Allow
            : TargetDecision.Block($"{address} is not in {SpecialRanges.GlobalUnicastIPv6} (IPv6 global unicast)");
    }

    private TargetDecision EvaluateWrapper(IPAddress address, IPv4Embedding.Unwrapped unwrapped)
    {
        var allAllowedExplicitly = true;
        foreach (var embedded in unwrapped.Second is { } second ? [unwrapped.First, second] : new[] { unwrapped.First })
        {
            if (IsInAllowedNetwork(embedded.Address))
            {
                continue;
            }

            allAllowedExplicitly = false;
            var range = SpecialRanges.Find(embedded.Address);
            if (range is null)
            {
                continue;
            }

            // The IPv4-mapped form speaks for itself: "::ffff:10.0.0.1 embeds 10.0.0.1, which is in 10.0.0.0/8 (private)".
            var wrapper = ReferenceEquals(unwrapped.Wrapper, IPv4Embedding.Mapped)
                ? ""
                : embedded.Role is null
                    ? $" is in {unwrapped.Wrapper} and"
                    : $" is in {unwrapped.Wrapper.Cidr} ({unwrapped.Wrapper.Name}; {embedded.Role} address) and";
            return TargetDecision.Block($"{address}{wrapper} embeds {embedded.Address}, which is in {range}");
        }

        return unwrapped.Routable || allAllowedExplicitly
            ? TargetDecision.Allow
            : TargetDecision.Block($"{address} is in {unwrapped.Wrapper}, which is not routable");
    }

    private bool IsInAllowedNetwork(IPAddress address)
    {
        foreach (var network in _allowedNetworks)
        {
            if (network.Contains(address))
            {
                return true;
            }
        }

        return false;
    }
}
