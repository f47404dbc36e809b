using MailCheck.Core.Checks;

namespace MailCheck.Web.Checks;

/// <summary>What a guard sees: the validated request (domain filled in) and who asked.</summary>
/// <param name="Request">The normalised request; it may carry a password: never log or keep it.</param>
/// <param name="ClientIp">The client's address (from forwarded headers of known proxies only), when known.</param>
public sealed record SubmissionContext(CheckRequest Request, string? ClientIp);
