namespace MailCheck.Core.Checks;

/// <summary>AUTH credentials. The password never appears in ToString, events, logs or storage.</summary>
public sealed record SmtpCredentials(string Username, string Password)
{
    /// <summary>What every transcript and log shows instead of a secret.</summary>
    public const string Redacted = "********";

    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("Username = ").Append(Username).Append(", Password = ").Append(Redacted);
        return true;
    }
}
