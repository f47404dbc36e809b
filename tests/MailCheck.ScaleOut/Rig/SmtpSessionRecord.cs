using System.Collections.Concurrent;

namespace MailCheck.ScaleOut.Rig;

/// <summary>What one SMTP session to the recording server did.</summary>
public sealed class SmtpSessionRecord(int number)
{
    public int Number { get; } = number;

    public ConcurrentBag<string> Recipients { get; } = [];

    public ConcurrentBag<string> Messages { get; } = [];

    public int DataCommands { get; set; }

    public bool Authenticated { get; set; }

    public bool Closed { get; set; }
}
