using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace FastData.Host.Hosting;

/// <summary>The address this silo gives the other silos and clients of a multi-silo cluster (<c>FastData:Silo</c>);
/// the single local silo of the default run ignores it.</summary>
public sealed class SiloAddressOptions
{
    /// <summary>An IP address the other silos can reach this one at (e.g. the container's address in docker compose).
    /// Default: the first IPv4 address of an operational, non-loopback network interface, else 127.0.0.1.</summary>
    public string? AdvertisedIPAddress { get; set; }

    /// <summary>The configured address, or the machine's first non-loopback IPv4 address.</summary>
    public IPAddress Resolve() =>
        IPAddress.TryParse(AdvertisedIPAddress, out var configured) ? configured : FirstNonLoopbackIPv4() ?? IPAddress.Loopback;

    /// <summary>Null when the option is unset or valid, else why it is not.</summary>
    public string? Problem() =>
        string.IsNullOrWhiteSpace(AdvertisedIPAddress) || IPAddress.TryParse(AdvertisedIPAddress, out _)
            ? null
            : $"{SiloOptions.SectionName}:{nameof(AdvertisedIPAddress)}: '{AdvertisedIPAddress}' is not an IP address.";

    private static IPAddress? FirstNonLoopbackIPv4() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));
}
