namespace MailCheck.Web.Api;

/// <summary>The 202 answer to <c>POST /api/checks</c>: the id, the public link to share, and "queued".</summary>
public sealed record CheckCreatedResponse(string Id, string Url, string Status);
