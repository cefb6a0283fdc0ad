-- Schema version 5: a department adopted a scaled initiative, on a date, recorded by
-- someone (the spread of PRODUCT.md). Until now only a list on the initiative said so,
-- with no date and no author; Initiative.adopted_departments is now read from this table.
-- Independent of 004: it touches only the initiatives table and its own.

CREATE TABLE adoptions (
    initiative_id  VARCHAR NOT NULL,
    department     VARCHAR NOT NULL,
    adopted_on     DATE,  -- NULL only for rows moved from the list, which kept no date
    note           VARCHAR NOT NULL DEFAULT '',
    recorded_by    VARCHAR NOT NULL DEFAULT '',
    recorded_at    TIMESTAMP NOT NULL DEFAULT current_timestamp,
    PRIMARY KEY (initiative_id, department)
);

-- The owning department is not an adoption: the spread figures count it as having the
-- initiative from the start, so it is not moved.
INSERT INTO adoptions (initiative_id, department, note, recorded_at)
SELECT id, trim(adopted), 'moved from the initiative by schema version 5', max(updated_at)
FROM (SELECT id, department, updated_at, unnest(adopted_departments) AS adopted
      FROM initiatives)
WHERE trim(adopted) <> '' AND trim(adopted) <> department
GROUP BY id, trim(adopted);

ALTER TABLE initiatives DROP COLUMN adopted_departments;
