module example.com/inconsistent-field-lock

go 1.22
