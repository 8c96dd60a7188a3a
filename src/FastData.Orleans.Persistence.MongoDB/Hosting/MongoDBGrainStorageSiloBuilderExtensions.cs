using FastData.Orleans.Persistence.MongoDB;
using Orleans.Providers;

namespace Orleans.Hosting;

/// <summary><see cref="ISiloBuilder"/> registration of MongoDB grain storage.</summary>
public static class MongoDBGrainStorageSiloBuilderExtensions
{
    /// <summary>Registers a MongoDB grain storage provider named <paramref name="name"/>.</summary>
    public static ISiloBuilder AddMongoDBGrainStorage(this ISiloBuilder builder, string name, Action<MongoDBGrainStorageOptions> configureOptions)
        => builder.ConfigureServices(services => services.AddMongoDBGrainStorage(name, configureOptions));

    /// <summary>Registers a MongoDB grain storage provider as the default one.</summary>
    public static ISiloBuilder AddMongoDBGrainStorageAsDefault(this ISiloBuilder builder, Action<MongoDBGrainStorageOptions> configureOptions)
        => builder.AddMongoDBGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, configureOptions);
}
