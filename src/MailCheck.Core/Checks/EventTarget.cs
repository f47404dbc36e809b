namespace MailCheck.Core.Checks;

/// <summary>
/// The server an event belongs to: one address of one MX host, on one port. Every event of a connection attempt
/// carries it, so a transcript of attempts that ran in parallel can be read per target or interleaved.
/// </summary>
/// <param name="Index">The target's number within its check, from 1, in the order the targets were planned (MX
/// preference, then address order); the text transcript tags lines with it ("[2]").</param>
/// <param name="Host">The MX host name.</param>
/// <param name="Address">The exact IP address (as resolved; never re-resolved).</param>
/// <param name="Port">The TCP port.</param>
public sealed record EventTarget(int Index, string Host, string Address, int Port)
{
    /// <summary>"mx1.example.com [192.0.2.1]".</summary>
    public string Label => $"{Host} [{Address}]";

    /// <summary>The tag of the target's lines in a text transcript: "[2]".</summary>
    public string Tag => $"[{Index}]";
}
