using FastData.Orleans.Persistence.MongoDB;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Messaging;
using Orleans.Runtime;

namespace Orleans.Hosting;

/// <summary>Cluster membership on MongoDB for silos and clients.</summary>
public static class MongoDBClusteringExtensions
{
    /// <summary>Makes the silo use the MongoDB membership table (one document per cluster id).</summary>
    public static ISiloBuilder UseMongoDBClustering(this ISiloBuilder builder, Action<MongoDBMembershipOptions> configureOptions)
    {
        ArgumentNullException.ThrowIfNull(configureOptions);
        return builder.ConfigureServices(services =>
        {
            services.AddMongoDBMembershipTable(configureOptions);
            services.AddSingleton<IMembershipTable>(sp => sp.GetRequiredService<MongoMembershipTable>());
        });
    }

    /// <summary>Makes the client find gateways through the MongoDB membership table.</summary>
    public static IClientBuilder UseMongoDBClustering(this IClientBuilder builder, Action<MongoDBMembershipOptions> configureOptions)
    {
        ArgumentNullException.ThrowIfNull(configureOptions);
        return builder.ConfigureServices(services =>
        {
            services.AddMongoDBMembershipTable(configureOptions);
            services.AddSingleton<IGatewayListProvider, MongoGatewayListProvider>();
        });
    }

    private static void AddMongoDBMembershipTable(this IServiceCollection services, Action<MongoDBMembershipOptions> configureOptions)
    {
        services.Configure(configureOptions);
        services.ConfigureFormatter<MongoDBMembershipOptions>();
        services.AddSingleton<MongoMembershipTable>();
        services.AddSingleton<IConfigurationValidator, MongoDBMembershipOptionsValidator>();
    }
}
