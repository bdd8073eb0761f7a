"""History: all git access (`gitstore`) and the versions it yields (`versions`, whose
values are defined in `model`)."""
