namespace MailCheck.Web.Api;

/// <summary>AUTH credentials in an API request. The password is used for the check only: never stored, returned or logged.</summary>
public sealed record ApiAuth
{
    public string? Username { get; init; }

    public string? Password { get; init; }

    public override string ToString() => $"ApiAuth {{ Username = {Username}, Password = ******** }}";
}
