namespace MailCheck.Web.Data;

/// <summary>A page of history and the number of rows that match the filter.</summary>
public sealed record CheckHistoryPage(IReadOnlyList<CheckSummary> Items, int Total);
