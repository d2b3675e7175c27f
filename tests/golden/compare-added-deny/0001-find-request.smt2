; linkproof solver query 1: find-request
; answer: sat
; limits per check: time 10000 ms, resource unlimited
; 
(set-info :status unknown)
(declare-fun |action#exact| () Int)
(declare-fun |resource#exact| () Int)
(declare-fun principal () Int)
(declare-fun |resource#0| () Bool)
(declare-fun |action#0| () Bool)
(declare-fun |goal#0| () Bool)
(assert
 (>= |action#exact| (- 1)))
(assert
 (not (>= |action#exact| 1)))
(assert
 (>= |resource#exact| (- 1)))
(assert
 (not (>= |resource#exact| 0)))
(assert
 (>= principal 0))
(assert
 (not (>= principal 1)))
(assert
 (let (($x44 (= |resource#exact| (- 1))))
 (let (($x34 (= |action#exact| 0)))
 (let (($x10 (= |action#exact| (- 1))))
 (let (($x78 (not $x10)))
 (let (($x80 (and $x78 $x34 $x44 |resource#0|)))
 (let (($x75 (ite $x10 |action#0| $x34)))
 (let (($x82 (and $x75 $x44 |resource#0| (not $x80))))
 (let (($x83 (not $x82)))
 (let (($x84 (and $x75 $x44 |resource#0| $x83)))
 (or (not |goal#0|) $x84)))))))))))
(check-sat-assuming (|goal#0|))
