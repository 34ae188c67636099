package org.dmhub.connector.jdbc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.stream.Stream;

/**
 * The JDBC drivers the connector can use: those it ships with (H2) and every driver jar a department puts in its
 * drivers folder (e.g. {@code postgresql-42.7.4.jar}, {@code ojdbc11.jar}, {@code mssql-jdbc.jar}), found through
 * the jars' own service registration.
 */
public final class JdbcDrivers {

    private final List<Driver> drivers = new ArrayList<>();
    private final List<String> jars = new ArrayList<>();

    private JdbcDrivers(ClassLoader loader) {
        ServiceLoader.load(Driver.class, loader).forEach(drivers::add);
    }

    /** The shipped drivers and those of the jars in {@code folder} (which may be missing). */
    public static JdbcDrivers from(Path folder) {
        List<URL> urls = new ArrayList<>();
        List<String> names = new ArrayList<>();
        if (folder != null && Files.isDirectory(folder)) {
            try (Stream<Path> files = Files.list(folder)) {
                for (Path jar : files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList()) {
                    urls.add(jar.toUri().toURL());
                    names.add(jar.getFileName().toString());
                }
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException(e);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list the drivers folder " + folder, e);
            }
        }
        JdbcDrivers drivers = new JdbcDrivers(new URLClassLoader(urls.toArray(URL[]::new), JdbcDrivers.class.getClassLoader()));
        drivers.jars.addAll(names);
        return drivers;
    }

    /**
     * Connects with the first driver that accepts the URL.
     *
     * @throws IllegalArgumentException when no driver accepts it, naming the jars that were looked at
     */
    public Connection connect(String url, String user, String password) throws SQLException {
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        for (Driver driver : drivers) {
            if (driver.acceptsURL(url)) {
                Connection connection = driver.connect(url, properties);
                if (connection != null) {
                    return connection;
                }
            }
        }
        throw new IllegalArgumentException("no JDBC driver accepts " + url + "; put the database's driver jar in the drivers"
                + " folder (--drivers)" + (jars.isEmpty() ? ", which holds no jar now" : "; it holds " + String.join(", ", jars)));
    }
}
