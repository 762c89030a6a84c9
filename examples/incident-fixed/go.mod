module example.com/incident-fixed

go 1.21
