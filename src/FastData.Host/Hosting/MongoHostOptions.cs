using MongoDB.Driver;

namespace FastData.Host.Hosting;

/// <summary>How the host uses MongoDB (<c>FastData:Mongo</c>); used only when <c>ConnectionStrings:mongodb</c> is set.</summary>
public sealed class MongoHostOptions
{
    public const string SectionName = "FastData:Mongo";

    /// <summary>The database for records, single views, errors and cluster membership. Default: the database named
    /// in the connection string, else <see cref="DefaultDatabase"/>.</summary>
    public string? Database { get; set; }

    /// <summary>The database used when neither this option nor the connection string names one.</summary>
    public const string DefaultDatabase = "fastdata";

    /// <summary>The database to use: this option, else the connection string's, else <see cref="DefaultDatabase"/>.</summary>
    public string ResolveDatabase(string connectionString)
    {
        if (!string.IsNullOrWhiteSpace(Database))
        {
            return Database;
        }

        try
        {
            return MongoUrl.Create(connectionString).DatabaseName is { Length: > 0 } fromUrl ? fromUrl : DefaultDatabase;
        }
        catch (Exception ex) when (ex is MongoConfigurationException or ArgumentException or FormatException)
        {
            // The providers' validators report the malformed string at silo start, without quoting it.
            return DefaultDatabase;
        }
    }
}
