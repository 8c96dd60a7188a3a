namespace FastData.Host.Hosting;

/// <summary>Finds the configuration folder named by <see cref="FastDataOptions.ConfigPath"/>.</summary>
/// <remarks>The default <c>samples/retail</c> is relative to the repository, while the host may be started from
/// the repository root (<c>dotnet run --project ...</c>), its project folder, or a test's output folder:
/// a relative path is tried against the working directory, then each of its parents, then the app's base
/// directory and its parents.</remarks>
public static class ConfigFolderLocator
{
    public static string? Locate(string configPath)
    {
        if (Path.IsPathRooted(configPath))
        {
            return Directory.Exists(configPath) ? Path.GetFullPath(configPath) : null;
        }

        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, configPath);
                if (Directory.Exists(candidate))
                {
                    return Path.GetFullPath(candidate);
                }
            }
        }

        return null;
    }
}
