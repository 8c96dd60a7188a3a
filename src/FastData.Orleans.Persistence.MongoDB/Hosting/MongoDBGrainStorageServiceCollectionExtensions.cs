using FastData.Orleans.Persistence.MongoDB;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Providers;
using Orleans.Runtime;
using Orleans.Runtime.Hosting;

namespace Orleans.Hosting;

/// <summary><see cref="IServiceCollection"/> registration of MongoDB grain storage.</summary>
public static class MongoDBGrainStorageServiceCollectionExtensions
{
    /// <summary>Registers a MongoDB grain storage provider named <paramref name="name"/>.</summary>
    public static IServiceCollection AddMongoDBGrainStorage(this IServiceCollection services, string name, Action<MongoDBGrainStorageOptions> configureOptions)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configureOptions);
        services.AddOptions<MongoDBGrainStorageOptions>(name).Configure(configureOptions);
        services.AddTransient<IConfigurationValidator>(sp => new MongoDBGrainStorageOptionsValidator(
            sp.GetRequiredService<IOptionsMonitor<MongoDBGrainStorageOptions>>().Get(name), name));
        services.ConfigureNamedOptionForLogging<MongoDBGrainStorageOptions>(name);
        return services.AddGrainStorage(name, static (sp, n) => ActivatorUtilities.CreateInstance<MongoDBGrainStorage>(
            sp, n, sp.GetRequiredService<IOptionsMonitor<MongoDBGrainStorageOptions>>().Get(n), sp));
    }

    /// <summary>
    /// Registers a singleton <see cref="MongoVersionedDocumentStore"/> (versioned documents with group commit) for code
    /// that reads and writes documents outside grain storage, e.g. a pipeline's record store.
    /// </summary>
    public static IServiceCollection AddMongoDBVersionedDocumentStore(this IServiceCollection services, Action<MongoDBGrainStorageOptions> configureOptions)
    {
        ArgumentNullException.ThrowIfNull(configureOptions);
        const string name = "versioned-document-store";
        services.AddOptions<MongoDBGrainStorageOptions>(name).Configure(configureOptions);
        services.AddTransient<IConfigurationValidator>(sp => new MongoDBGrainStorageOptionsValidator(
            sp.GetRequiredService<IOptionsMonitor<MongoDBGrainStorageOptions>>().Get(name), name));
        services.AddSingleton(sp => new MongoVersionedDocumentStore(
            sp.GetRequiredService<IOptionsMonitor<MongoDBGrainStorageOptions>>().Get(name),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>()));
        return services;
    }

    /// <summary>Registers a MongoDB grain storage provider as the default one.</summary>
    public static IServiceCollection AddMongoDBGrainStorageAsDefault(this IServiceCollection services, Action<MongoDBGrainStorageOptions> configureOptions)
        => services.AddMongoDBGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, configureOptions);
}
