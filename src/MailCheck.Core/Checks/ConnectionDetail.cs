namespace MailCheck.Core.Checks;

/// <summary>A connection attempt to one address of one MX host.</summary>
/// <param name="Host">The MX host name.</param>
/// <param name="Address">The exact IP address connected to (as resolved; never re-resolved).</param>
/// <param name="Port">The TCP port.</param>
/// <param name="Connected">True when the TCP connection was established.</param>
/// <param name="Error">Why it failed, when it did.</param>
public sealed record ConnectionDetail(string Host, string Address, int Port, bool Connected, string? Error = null) : CheckEventDetail
{
    /// <summary>MailCheck's own address on this connection (the local end of the socket), when connected.</summary>
    public string? LocalAddress { get; init; }
}
