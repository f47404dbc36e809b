namespace MailCheck.Web.Checks;

/// <summary>
/// Delivers a check's updates, as they happen, to everyone watching it in this process. With several instances, the
/// PostgreSQL listener publishes here what the others appended (<see cref="CheckUpdate.StoredSeq"/>, no event).
/// </summary>
public interface ICheckNotifier
{
    /// <summary>
    /// Registers <paramref name="onUpdate"/> for one check until the returned handle is disposed.
    /// The handler runs on the publisher's thread: it must be quick and must not throw.
    /// </summary>
    IDisposable Subscribe(string checkId, Action<CheckUpdate> onUpdate);

    void Publish(string checkId, CheckUpdate update);

    /// <summary>
    /// Tells every watcher in this process to re-read the store: notifications from other instances may have been
    /// missed (the listening connection was lost and is back).
    /// </summary>
    void Resync();
}
