namespace MailCheck.EndToEnd.Rig;

/// <summary>Reads the rig postfix's Maildir: the proof that a message really arrived.</summary>
public sealed class Maildir(string path)
{
    public string Path { get; } = path;

    /// <summary>The files of messages whose header X-MailCheck-Check carries <paramref name="checkId"/>.</summary>
    public IReadOnlyList<string> FindByCheckId(string checkId)
    {
        var found = new List<string>();
        foreach (var folder in new[] { "new", "cur" })
        {
            var dir = System.IO.Path.Combine(Path, folder);
            if (!Directory.Exists(dir))
            {
                continue;
            }

            foreach (var file in Directory.EnumerateFiles(dir))
            {
                if (HeaderValues(file, "X-MailCheck-Check").Any(v => v.Contains(checkId, StringComparison.Ordinal)))
                {
                    found.Add(file);
                }
            }
        }

        return found;
    }

    /// <summary>Waits (bounded) until postfix has delivered the message of <paramref name="checkId"/>.</summary>
    public async Task<string> WaitForMessageAsync(string checkId, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        try
        {
            while (true)
            {
                var files = FindByCheckId(checkId);
                if (files.Count > 0)
                {
                    return files[0];
                }

                await Task.Delay(200, cts.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException(
                $"No message with X-MailCheck-Check: {checkId} reached {Path} within {timeout.TotalSeconds:0}s (see the rig's postfix/maillog).");
        }
    }

    /// <summary>The values of a header (unfolded) in a stored message.</summary>
    public static IReadOnlyList<string> HeaderValues(string file, string name)
    {
        var values = new List<string>();
        string? current = null;
        foreach (var line in File.ReadLines(file))
        {
            if (line.Length == 0)
            {
                break;
            }

            if ((line[0] == ' ' || line[0] == '\t') && current is not null)
            {
                current += " " + line.Trim();
                continue;
            }

            if (current is not null)
            {
                values.Add(current);
                current = null;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && line.AsSpan(0, colon).Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                current = line[(colon + 1)..].Trim();
            }
        }

        if (current is not null)
        {
            values.Add(current);
        }

        return values;
    }
}
