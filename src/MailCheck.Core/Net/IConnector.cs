using System.Net;

namespace MailCheck.Core.Net;

/// <summary>Opens the byte stream the conversation runs over. Tests hand the engine a scripted server here.</summary>
public interface IConnector
{
    /// <summary>Connects to exactly <paramref name="endpoint"/>; throws <see cref="System.Net.Sockets.SocketException"/> when refused.</summary>
    ValueTask<Stream> ConnectAsync(IPEndPoint endpoint, CancellationToken cancellationToken);
}
