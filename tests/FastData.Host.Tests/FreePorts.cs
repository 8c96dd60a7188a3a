using System.Net;
using System.Net.Sockets;

namespace FastData.Host.Tests;

/// <summary>
/// Hands out ports that are free, so that several hosts can run side by side in one test run: each port once per test
/// process, below the OS's ephemeral range (32768-60999 on Linux), checked free by binding it.
/// </summary>
/// <remarks>A port the OS picks for "port 0" comes from the ephemeral range. There, any outgoing connection of a test
/// running in parallel (Kafka and MongoDB clients open many) may take it between the check and the silo's bind: a CI
/// run failed a whole test class with "Address already in use".</remarks>
internal static class FreePorts
{
    private const int First = 20_000;
    private const int Span = 12_000;

    // A random start: another test process may hand out ports from the same range at the same time.
    private static int s_next = Random.Shared.Next(Span);

    public static int Next()
    {
        for (var attempt = 0; attempt < Span; attempt++)
        {
            var port = First + (int)((uint)Interlocked.Increment(ref s_next) % Span);
            if (IsFree(port))
            {
                return port;
            }
        }

        throw new InvalidOperationException($"No free port between {First} and {First + Span - 1}.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            // Any address: a silo listening on all interfaces conflicts with a listener on any one of them.
            using var listener = new TcpListener(IPAddress.Any, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
