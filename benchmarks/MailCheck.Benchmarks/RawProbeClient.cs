using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MailCheck.Benchmarks;

/// <summary>
/// The baseline: the same commands as the engine's probe, sent by the thinnest possible client (one socket, one
/// buffer, a reply ends at the first line whose 4th byte is a space). What it takes is the server's own time plus
/// loopback; whatever the engine takes beyond it is the engine's overhead.
/// </summary>
internal sealed class RawProbeClient(IPEndPoint endpoint, IReadOnlyList<string> commands)
{
    private readonly byte[][] _commands = [.. commands.Select(c => Encoding.ASCII.GetBytes(c + "\r\n"))];

    public int RoundTrips => _commands.Length + 1;

    public async Task RunAsync()
    {
        using var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(endpoint).ConfigureAwait(false);
        var buffer = new byte[8192];
        await ReadReplyAsync(socket, buffer).ConfigureAwait(false);
        foreach (var command in _commands)
        {
            await socket.SendAsync(command, SocketFlags.None).ConfigureAwait(false);
            await ReadReplyAsync(socket, buffer).ConfigureAwait(false);
        }
    }

    private static async Task ReadReplyAsync(Socket socket, byte[] buffer)
    {
        var filled = 0;
        while (true)
        {
            var read = await socket.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None).ConfigureAwait(false);
            if (read == 0)
            {
                return;
            }

            filled += read;
            if (IsComplete(buffer.AsSpan(0, filled)))
            {
                return;
            }
        }
    }

    /// <summary>True when the data ends with CRLF and its last line is a final reply line ("250 ...").</summary>
    private static bool IsComplete(ReadOnlySpan<byte> data)
    {
        if (data.Length < 2 || data[^2] != '\r' || data[^1] != '\n')
        {
            return false;
        }

        var lastLineStart = data[..^2].LastIndexOf((byte)'\n') + 1;
        var line = data[lastLineStart..^2];
        return line.Length < 4 || line[3] == ' ';
    }
}
