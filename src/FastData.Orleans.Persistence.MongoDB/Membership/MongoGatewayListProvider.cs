using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Messaging;
using Orleans.Runtime;

namespace FastData.Orleans.Persistence.MongoDB;

/// <summary>Lists the gateways of active silos from the MongoDB membership table.</summary>
internal sealed class MongoGatewayListProvider(MongoMembershipTable table, IOptions<GatewayOptions> gatewayOptions) : IGatewayListProvider
{
    public TimeSpan MaxStaleness => gatewayOptions.Value.GatewayListRefreshPeriod;

    public bool IsUpdatable => true;

    public Task InitializeGatewayListProvider() => InitializeGatewayListProviderAsync(CancellationToken.None);

    public Task<IList<Uri>> GetGateways() => GetGatewaysAsync(CancellationToken.None);

    public Task InitializeGatewayListProviderAsync(CancellationToken cancellationToken)
        => table.InitializeMembershipTableAsync(tryInitTableVersion: false, cancellationToken);

    public async Task<IList<Uri>> GetGatewaysAsync(CancellationToken cancellationToken)
    {
        var all = await table.ReadAllAsync(cancellationToken).ConfigureAwait(false);
        return all.Members
            .Select(m => m.Item1)
            .Where(e => e.Status == SiloStatus.Active && e.ProxyPort != 0)
            .Select(e => SiloAddress.New(e.SiloAddress.Endpoint.Address, e.ProxyPort, e.SiloAddress.Generation).ToGatewayUri())
            .ToList();
    }
}
