package org.dmhub.hub.catalog;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.dmhub.schemas.AdminArea;
import org.dmhub.schemas.Department;
import org.dmhub.schemas.IndicatorDefinition;
import org.dmhub.validation.CatalogLookup;

/**
 * The framework as this hub instance knows it: the current {@link CatalogSnapshot}, replaced whole by
 * {@link CatalogTables} each time a catalog record arrives. This is how a framework change reaches validation,
 * consolidation and roll-ups: they take {@link #snapshot()} once per record (or per roll-up) and decide with it;
 * the API reads the current one. Shared by all threads; nothing in a snapshot ever changes.
 */
public final class Catalog implements CatalogLookup {

    private final AtomicReference<CatalogSnapshot> current = new AtomicReference<>(CatalogSnapshot.EMPTY);
    private final AtomicLong skippedRecords = new AtomicLong();
    private volatile String lastSkipped;

    /** The framework now; a record arriving later makes another snapshot, and leaves this one as it is. */
    public CatalogSnapshot snapshot() {
        return current.get();
    }

    public void putIndicator(String code, IndicatorDefinition definition) {
        putIndicators(Collections.singletonMap(code, definition));
    }

    public void putArea(String code, AdminArea area) {
        putAreas(Collections.singletonMap(code, area));
    }

    public void putDepartment(String code, Department department) {
        putDepartments(Collections.singletonMap(code, department));
    }

    /** Several changes in one new snapshot (a whole store restored at start): by code, the value or null when removed. */
    public void putIndicators(Map<String, IndicatorDefinition> changes) {
        current.updateAndGet(snapshot -> snapshot.withIndicators(changes));
    }

    public void putAreas(Map<String, AdminArea> changes) {
        current.updateAndGet(snapshot -> snapshot.withAreas(changes));
    }

    public void putDepartments(Map<String, Department> changes) {
        current.updateAndGet(snapshot -> snapshot.withDepartments(changes));
    }

    /** A record on a catalog topic that is not what the topic holds: left out of the framework, and reported. */
    void skipped(String description) {
        skippedRecords.incrementAndGet();
        lastSkipped = description;
    }

    /** How many catalog records were left out since the hub started. */
    public long skippedRecords() {
        return skippedRecords.get();
    }

    /** What the last record left out was, and why; null when none was. */
    public String lastSkipped() {
        return lastSkipped;
    }

    @Override
    public Optional<IndicatorDefinition> indicator(String code) {
        return snapshot().indicator(code);
    }

    @Override
    public Optional<AdminArea> area(String code) {
        return snapshot().area(code);
    }

    public Optional<Department> department(String code) {
        return snapshot().department(code);
    }

    public Collection<IndicatorDefinition> indicators() {
        return snapshot().indicators();
    }

    public Collection<AdminArea> areas() {
        return snapshot().areas();
    }

    public Collection<Department> departments() {
        return snapshot().departments();
    }

    /** The root of the area tree: the province. */
    public Optional<AdminArea> province() {
        return snapshot().province();
    }

    public boolean isLoaded() {
        return snapshot().isLoaded();
    }

    public AreaTree areaTree() {
        return snapshot().areaTree();
    }
}
