namespace MailCheck.Web.Api;

/// <summary><c>GET /api/checks</c>: newest first, and how many match in all.</summary>
public sealed record CheckListResponse(IReadOnlyList<CheckListItem> Items, int Total);
