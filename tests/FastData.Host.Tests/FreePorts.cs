using System.Net;
using System.Net.Sockets;

namespace FastData.Host.Tests;

/// <summary>Asks the OS for unused loopback ports, so that several hosts can run side by side in one test run.</summary>
internal static class FreePorts
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
